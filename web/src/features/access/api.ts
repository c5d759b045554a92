import { type Answer, type Body, type Me, mutation, request } from '../../api/api.js';

export type User = Answer<'/users/{id}', 'patch'>;
export type UserChanges = Body<'/users/{id}', 'patch'>;

export const accessKeys = {
  users: ['users'] as const,
};

const USERS_CHANGED = [{ queryKey: ['users'] }, { queryKey: ['audit'] }];

export const accessApi = {
  login: (email: string, password: string) =>
    request<Me>('POST', '/auth/login', { body: { email, password }, quiet401: true }),
  changePassword: mutation([{ queryKey: ['audit'] }], (currentPassword: string, newPassword: string) =>
    request<void>('POST', '/auth/password', { body: { currentPassword, newPassword } }),
  ),

  users: () => request<{ items: User[] }>('GET', '/users').then((r) => r.items),
  createUser: mutation(USERS_CHANGED, (body: Body<'/users', 'post'>) =>
    request<{ user: User; temporaryPassword: string | null }>('POST', '/users', { body }),
  ),
  updateUser: mutation(USERS_CHANGED, (id: string, body: UserChanges) =>
    request<User>('PATCH', `/users/${encodeURIComponent(id)}`, { body }),
  ),
  resetPassword: mutation(USERS_CHANGED, (id: string) =>
    request<{ temporaryPassword: string }>('POST', `/users/${encodeURIComponent(id)}/reset-password`),
  ),
};
