/**
 * The last step of every call the gateway ran (the script pipeline, or a voicemail left after
 * answering-machine detection): save the recording, hand the report to the sink. Neither may
 * lose the report: a failure is logged (codes only, no call content) and the call goes on ending.
 */
import { isTzError, type Logger } from '@tingzhen/voice-core';
import type { CallRecorder } from './recorder.js';
import type { CallReport, CallSink } from './types.js';

export async function saveRecording(report: CallReport, recorder: CallRecorder | null, log: Logger): Promise<void> {
  if (!recorder) return;
  try {
    report.recordingFile = await recorder.save(report.callId);
  } catch (err) {
    log.warn({ callId: report.callId, code: isTzError(err) ? err.code : 'TZ_ERR_INTERNAL' }, 'recording not saved');
  }
}

export async function writeToSink(report: CallReport, sink: CallSink | undefined, log: Logger): Promise<void> {
  if (sink) await sink.write(report).catch(() => log.warn({ callId: report.callId }, 'call sink failed'));
}
