/** One Kubernetes object from a static manifest or a rendered template: a YAML document. */
export interface Manifest {
  /** The file it came from, relative to the working directory. */
  readonly file: string;
  /** The file relative to its templates or static directory (the name `--render-only` writes). */
  readonly relativePath: string;
  /** 1-based index of the document in its file. */
  readonly document: number;
  readonly source: 'static' | 'template';
  /** The component whose template it is (undefined for static manifests). */
  readonly component: string | undefined;
  /** The document as data, after substitution. */
  readonly object: unknown;
  /** The 1-based source line of the value at `path` (or of its closest existing parent). */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** A problem found while rendering or reading manifests, before any validation. */
export interface RenderProblem {
  readonly file: string;
  readonly line: number | undefined;
  readonly message: string;
}
