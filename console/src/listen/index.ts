export { listenRoutes, type ListenRoutesOptions, type LiveMonitor } from './listen-routes.js';
