/** The platform's version, as /health reports it. */
export const VERSION = '0.1.0';
