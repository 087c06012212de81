export { consolePlugin, useConsoleSessions, type ConsolePluginOptions } from './plugin.js';
export { authorize, actorOf, currentUser, SESSION_COOKIE } from './auth/guard.js';
export { createAdminUser, createUser, ensureSetupToken, listUsers, updateUser, type UserRow } from './auth/store.js';
export { hashPassword, verifyPassword } from './auth/password.js';
export { ROLES, type ConsoleRole, type SessionUser } from './auth/roles.js';
export { distDir, hasBuiltSpa } from './routes/spa.js';
export { listenRoutes, type ListenRoutesOptions, type LiveMonitor } from './listen/index.js';
