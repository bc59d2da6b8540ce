/** Where the GitHub Actions workflow goes, relative to the repository root. */
export const WORKFLOW_FILE = '.github/workflows/abe.yml';

/**
 * The GitHub Actions workflow: on a pull request and on a push to main, the whole history
 * (abe needs the merge-base), Node.js 24, `npm ci`, then `npx abe check --reporter github`
 * with the token for commit statuses and labels, and the step logs kept when it fails.
 * `otherLanguages` adds a reminder where a Python or Go setup step belongs.
 *
 * @example
 * renderWorkflow({ otherLanguages: [] }); // 'name: abe\non:\n  pull_request:\n…'
 */
export function renderWorkflow({
  otherLanguages,
}: {
  readonly otherLanguages: readonly string[];
}): string {
  const setup =
    otherLanguages.length === 0
      ? ''
      : `      # ${otherLanguages.join(' and ')}: ubuntu-latest has them; to pin versions, add
      # ${otherLanguages.map((language) => `actions/setup-${language.toLowerCase()}`).join(' and ')} here.
`;
  return `# Written by \`abe init\`. On a pull request, abe lints the contracts, then builds and tests
# exactly the components the change can break; on a push to main, the same for what the push
# brought. Needs abe-ts in the root package.json (npm install --save-dev abe-ts).
name: abe
on:
  pull_request:
  push:
    branches: [main] # your default branch

permissions:
  contents: read
  statuses: write # one commit status per component and step (abe/<component>/<step>)
  pull-requests: write # component:<name> labels on the pull request

jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
        with:
          # abe compares with the pull request's base (or the commit before the push): it
          # needs the history. On the default shallow clone it stops with exit 2, not a guess.
          fetch-depth: 0
      - uses: actions/setup-node@v6
        with:
          node-version: 24
          cache: npm
${setup}      - run: npm ci
      - name: abe check
        run: npx abe check --reporter github
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
      - if: failure()
        uses: actions/upload-artifact@v7
        with:
          name: abe-logs
          path: .abe/logs/
`;
}
