import { defineConfig } from 'vitest/config';

// The real-model lane: tests that need neural ASR/TTS model files (see speech/README.md).
export default defineConfig({
  test: {
    include: ['*/test/**/*.models.test.ts'],
    testTimeout: 300_000,
    pool: 'forks',
  },
});
