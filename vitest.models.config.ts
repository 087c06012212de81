import { defineConfig } from 'vitest/config';

// The real-model lane: tests that need neural ASR/TTS model files (see speech/README.md).
// The global setup prints the models it found and fails when there is no ASR or TTS model.
export default defineConfig({
  test: {
    include: ['*/test/**/*.models.test.ts'],
    globalSetup: ['speech/test/models-lane.setup.ts'],
    testTimeout: 300_000,
    pool: 'forks',
  },
});
