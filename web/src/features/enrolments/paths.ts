export const enrolmentsPaths = {
  sponsoredWorkers: () => '#/sponsored',
  programmeEnrolments: (id: string) => `#/programmes/${encodeURIComponent(id)}/enrolments`,
};
