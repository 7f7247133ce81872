// Prints one closing line over all jest runs ("tests: N passed, N failed"), the form CI reads.
const { readFileSync } = require('node:fs');
let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const result = JSON.parse(readFileSync(file, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
