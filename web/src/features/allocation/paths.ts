export const allocationPaths = {
  programmeAllocation: (id: string) => `#/programmes/${encodeURIComponent(id)}/allocation`,
};
