import { useSyncExternalStore } from 'react';
import type { StudioApi } from '../../../shared/contract';
import type { JobSnapshot } from '../../../shared/job';

const keptJobs = 200;

/**
 * The studio's jobs as this window knows them: every `job:onDidChange`, seeded by `job:list`
 * so a window that opens mid-job sees it. One store per studio, so jobs survive navigation.
 */
export class JobsStore {
  readonly #jobs = new Map<string, JobSnapshot>();
  readonly #listeners = new Set<() => void>();
  #view: readonly JobSnapshot[] = [];

  constructor(studio: StudioApi) {
    studio.on('job:onDidChange', (job) => this.#put(job, true));
    void studio.invoke('job:list', {}).then((listed) => {
      // A change that arrived while the list was on its way is newer than the list's copy.
      if (listed.ok) for (const job of listed.value.jobs) this.#put(job, false);
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): readonly JobSnapshot[] => this.#view;

  #put(job: JobSnapshot, replace: boolean): void {
    if (!replace && this.#jobs.has(job.id)) return;
    this.#jobs.delete(job.id);
    this.#jobs.set(job.id, job);
    for (const id of [...this.#jobs.keys()].slice(0, Math.max(0, this.#jobs.size - keptJobs))) {
      this.#jobs.delete(id);
    }
    this.#view = [...this.#jobs.values()];
    for (const listener of this.#listeners) listener();
  }
}

const stores = new WeakMap<StudioApi, JobsStore>();

/** The one jobs store of a studio, made on first use. */
export function jobsStoreOf(studio: StudioApi): JobsStore {
  let store = stores.get(studio);
  if (!store) stores.set(studio, (store = new JobsStore(studio)));
  return store;
}

/** Every job this window knows, oldest change first. */
export function useJobs(studio: StudioApi): readonly JobSnapshot[] {
  const store = jobsStoreOf(studio);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
