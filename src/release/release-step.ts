import { rm } from 'node:fs/promises';
import { imageName } from '../config/image-name.js';
import { outcomeOf, runMake, type StepAction } from '../runner/step-action.js';
import { releaseRecordFile, writeReleaseRecord } from './release-record.js';

export interface ReleaseActionOptions {
  /** Full sha of the commit being released, recorded for `abe tag`. */
  readonly head: string;
}

/**
 * The `release` step. `release-process=docker`: `docker tag $DOCKER_IMAGE:$DOCKER_TAG
 * <registry>/<name>:<tag>` then `docker push <registry>/<name>:<tag>`; `custom`:
 * `make -C <path> release`; none: skipped with a note. A successful release is recorded in
 * `.abe/releases/<name>.json`, which `abe tag` requires.
 *
 * @example
 * await runComponents({ …, steps: ['release'], actions: { release: createReleaseAction({ head }) } });
 */
export function createReleaseAction(options: ReleaseActionOptions): StepAction {
  return async (context) => {
    const { config, component, env, tag, exec, log } = context;
    await rm(releaseRecordFile(config.root, component.name), { force: true });
    let image: string | null = null;
    if (component.releaseProcess === 'none') {
      return {
        status: 'skipped',
        exitCode: null,
        note: 'no release-process in the config, nothing to release',
      };
    }
    if (component.releaseProcess === 'docker') {
      if (config.registry === undefined || config.registry === '') {
        log(
          `abe: "${component.name}" has release-process=docker but ${config.file} sets no registry. Add registry=<host>/<namespace> to its [abe] section.`,
        );
        return {
          status: 'failed',
          exitCode: null,
          note: 'release-process=docker needs registry= in the [abe] section',
        };
      }
      const built = `${env.DOCKER_IMAGE ?? imageName(config, component.name)}:${tag}`;
      image = `${imageName(config, component.name)}:${tag}`;
      const tagged = outcomeOf(await exec('docker', ['tag', built, image]), 'docker');
      if (tagged.status !== 'passed') return tagged;
      const pushed = outcomeOf(await exec('docker', ['push', image]), 'docker');
      if (pushed.status !== 'passed') return pushed;
    } else {
      const released = await runMake(context, 'release');
      if (released.status !== 'passed') return released;
    }
    await writeReleaseRecord(config.root, {
      component: component.name,
      sha: options.head,
      tag,
      image,
      releasedAt: new Date().toISOString(),
    });
    return {
      status: 'passed',
      exitCode: 0,
      note: image === null ? 'make release' : `pushed ${image}`,
    };
  };
}
