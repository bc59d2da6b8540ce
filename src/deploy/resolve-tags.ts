import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import { DOCKER_TAG_RULE, isDockerTag } from '../core/is-docker-tag.js';
import type { DeployConfig } from './deploy-config.js';

/**
 * The tag of each component: its own (`--tag NAME=TAG`), else the common one. Every tag must
 * follow Docker's tag grammar, so none can carry a newline, a colon or a placeholder.
 *
 * @example
 * resolveTags(config, '1.4.2', new Map([['worker', '2.0.0']])) // Map { 'api' => '1.4.2', 'worker' => '2.0.0' }
 */
export function resolveTags(
  config: DeployConfig,
  tag: string | undefined,
  componentTags: ReadonlyMap<string, string> | undefined,
): Map<string, string> {
  const names = config.components.map((c) => c.name);
  const check = (value: string, where: string): string => {
    if (!isDockerTag(value)) {
      throw new AbeError(
        'deploy.config',
        `${where} ${JSON.stringify(value)} is not a valid image tag: ${DOCKER_TAG_RULE}.`,
        { hint: 'Pass the tag your release pushed, e.g. --tag 1.4.2 or --tag "$GIT_SHA".' },
      );
    }
    return value;
  };
  const tags = new Map<string, string>();
  if (tag !== undefined) {
    check(tag, 'the tag');
    for (const name of names) tags.set(name, tag);
  }
  for (const [name, value] of componentTags ?? []) {
    if (!names.includes(name)) {
      throw new AbeError(
        'deploy.config',
        `--tag ${name}=… names "${name}", which is not a component in ${config.shownFile}.${didYouMean(name, names) || ` Components: ${names.join(', ')}.`}`,
      );
    }
    tags.set(name, check(value, `the tag for "${name}"`));
  }
  return tags;
}
