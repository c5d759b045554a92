export const programmesPaths = {
  programmes: () => '#/programmes',
  programmeNew: () => '#/programmes/new',
  programme: (id: string) => `#/programmes/${encodeURIComponent(id)}`,
  programmeEdit: (id: string) => `#/programmes/${encodeURIComponent(id)}/edit`,
};
