import {
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway-config';
import { adminAccess, readAccess, type AccessDecision } from '@inkstream/runtime';

function enforce(decision: AccessDecision, tokenName: string): true {
  if (decision === 'allowed') return true;
  if (decision === 'disabled') {
    throw new ServiceUnavailableException(`admin endpoints are disabled: set ${tokenName} to enable them`);
  }
  throw new UnauthorizedException(
    decision === 'missing-token'
      ? `missing token: send Authorization: Bearer <${tokenName}>`
      : `wrong token: send Authorization: Bearer <${tokenName}>`,
  );
}

/** Writes and operator actions (sources, replay, discard). */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    return enforce(adminAccess(request.headers.authorization, this.config.GATEWAY_ADMIN_TOKEN), 'GATEWAY_ADMIN_TOKEN');
  }
}

/** Everything under /api that only reads. */
@Injectable()
export class ReadGuard implements CanActivate {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const { GATEWAY_READ_TOKEN, GATEWAY_ADMIN_TOKEN } = this.config;
    return enforce(
      readAccess(request.headers.authorization, GATEWAY_READ_TOKEN, GATEWAY_ADMIN_TOKEN),
      'GATEWAY_READ_TOKEN',
    );
  }
}
