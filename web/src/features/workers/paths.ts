/** The addresses of the registry's pages. */
export const workersPaths = {
  workers: () => '#/workers',
  workerNew: () => '#/workers/new',
  worker: (id: string) => `#/workers/${encodeURIComponent(id)}`,
  workerEdit: (id: string) => `#/workers/${encodeURIComponent(id)}/edit`,
};
