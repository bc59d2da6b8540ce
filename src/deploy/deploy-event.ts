/** What the deployer tells its caller while it works; the CLI turns these into text. */
export type DeployEvent =
  | { readonly type: 'command'; readonly argv: readonly string[] }
  | { readonly type: 'output'; readonly stream: 'stdout' | 'stderr'; readonly text: string }
  | { readonly type: 'step'; readonly message: string }
  | { readonly type: 'warning'; readonly message: string };
