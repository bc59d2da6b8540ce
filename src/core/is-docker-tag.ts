/** Docker's tag grammar: what `docker tag` and registries accept after the `:`. */
const DOCKER_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The grammar in words, for messages that refuse a tag. */
export const DOCKER_TAG_RULE =
  'a tag is 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-"';

/**
 * Whether `value` is a valid Docker image tag. Tags come from CI (branch names, the
 * environment) and end up in Makefiles, shell recipes and manifests: checked against the
 * grammar, none can carry a `;`, a newline, a colon or a placeholder.
 *
 * @example
 * isDockerTag('1.4.2'); // true
 * isDockerTag('x;id;#'); // false
 * if (!isDockerTag(tag)) throw new AbeError('usage', `--tag "${tag}" is not a valid image tag: ${DOCKER_TAG_RULE}.`);
 */
export function isDockerTag(value: string): boolean {
  return DOCKER_TAG.test(value);
}
