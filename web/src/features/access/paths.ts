export const accessPaths = {
  users: () => '#/users',
  password: () => '#/password',
};
