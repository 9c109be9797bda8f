/**
 * The largest spreadsheet an officer may upload: said in the form, checked in the
 * browser before sending and by the action; next.config.js lets server-action
 * bodies reach 6 MB so that such a file with its form fields always arrives whole.
 */
export const MAX_BYTE_FOGLIO = 5 * 1024 * 1024;
