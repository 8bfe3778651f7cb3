/** Route paths the auth feature redirects to; the app's route table uses the same constants. */
export const AUTH_PATHS = {
  login: 'login',
  changePassword: 'change-password',
} as const;
