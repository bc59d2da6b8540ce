// Pact's provider verifier as one command, so that it is timed like the other two:
// node pact-verify.js <base-url> <pact.json>
// Exits 0 when every interaction passes; the verifier prints its own report.
import { Verifier } from '@pact-foundation/pact';

const [providerBaseUrl, pactFile] = process.argv.slice(2);
try {
  await new Verifier({
    provider: 'bench-shop',
    providerBaseUrl,
    pactUrls: [pactFile],
    // 'warn' prints a line per interaction without a provider state; nothing here needs one.
    logLevel: 'error',
  }).verifyProvider();
} catch (error) {
  console.error(`pact-verify: ${error.message}`);
  process.exitCode = 1;
}
