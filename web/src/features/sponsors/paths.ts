export const sponsorsPaths = {
  sponsors: () => '#/sponsors',
};
