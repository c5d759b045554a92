/** The addresses of the import pages and the possible-duplicates queue. */
export const importsPaths = {
  imports: () => '#/imports',
  importJob: (id: string) => `#/imports/${encodeURIComponent(id)}`,
  /** The possible-duplicates queue, of one import when given: `#/duplicates?job=…`. */
  duplicates: (jobId?: string) => (jobId ? `#/duplicates?job=${encodeURIComponent(jobId)}` : '#/duplicates'),
};
