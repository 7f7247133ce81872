export { gatewayService, gatewayServiceFor } from './gateway.definition';
export { dashboardBundleOptions, PREBUILT_DASHBOARD_SCRIPT } from './dashboard/dashboard-assets';
