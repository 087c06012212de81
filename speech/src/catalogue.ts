/**
 * The model catalogue: every speech model the platform knows how to load and provision.
 * Download URLs are the sherpa-onnx GitHub release assets (or, for Silero v5, the upstream file at
 * a pinned commit, because sherpa's own `silero_vad.onnx` asset is a different export).
 * `sha256`/`bytes` of an asset are `null` where they could not be measured on an offline machine:
 * such downloads are accepted on size/structure checks only, and `models download` says so.
 */

export type ModelKind = 'asr' | 'tts' | 'vad' | 'denoiser';
export type AsrFamily = 'transducer' | 'zipformer2-ctc' | 'paraformer';
export type TtsFamily = 'vits' | 'matcha' | 'kokoro';

/** One file the engine opens, relative to `<modelsDir>/<entry.dir>/`. */
export interface ModelFile {
  path: string;
  /** Exact size in bytes when known (a mismatch means truncated/corrupt). */
  bytes: number | null;
  /** sha256 hex of the file when known. */
  sha256: string | null;
  /** True for a directory (e.g. espeak-ng-data) that must exist and be non-empty. */
  directory?: boolean;
}

/** One downloadable asset. `tar.bz2` archives unpack into `<modelsDir>/`, a `file` lands in `<modelsDir>/<dir>/`. */
export interface ModelAsset {
  url: string;
  format: 'tar.bz2' | 'file';
  /** sha256 of the downloaded asset; null = unknown (not measured, see note). */
  sha256: string | null;
  bytes: number | null;
  /** For `file` assets: the name it gets inside the model folder (default: the URL's last segment). */
  saveAs?: string;
}

export interface CatalogueEntry {
  name: string;
  kind: ModelKind;
  /** BCP-47 primary tags. */
  languages: readonly string[];
  /** Rate the model works at, Hz. */
  sampleRate: number;
  /** Folder under the models directory (the archive's top folder). */
  dir: string;
  /** Role -> file; roles depend on kind/family (encoder, decoder, joiner, tokens, model, ...). */
  files: Readonly<Record<string, ModelFile>>;
  assets: readonly ModelAsset[];
  license: string;
  family?: AsrFamily | TtsFamily;
  /** ASR: ms of audio per decoder output frame (feature shift x subsampling), for endpointing. */
  outputFrameMs?: number;
  /** TTS: extra sherpa config (ruleFsts etc.) expressed as file roles joined with commas. */
  ruleFsts?: readonly string[];
  ruleFars?: readonly string[];
  /** ASR: does the model decode with modified_beam_search + hotwords (transducers only). */
  hotwords?: boolean;
  /** ASR hotwords: how sherpa tokenises a phrase (`cjkchar`, `bpe`, `cjkchar+bpe`). */
  modelingUnit?: 'cjkchar' | 'bpe' | 'cjkchar+bpe';
  /** ASR hotwords: BPE vocabulary file (relative to dir) for bpe units; optional: without it hotwords are off. */
  bpeVocab?: string;
  note?: string;
}

const REL = 'https://github.com/k2-fsa/sherpa-onnx/releases/download';
const f = (path: string, bytes: number | null = null, sha256: string | null = null): ModelFile => ({ path, bytes, sha256 });
const dirFile = (path: string): ModelFile => ({ path, bytes: null, sha256: null, directory: true });
const archive = (release: string, name: string): ModelAsset => ({ url: `${REL}/${release}/${name}.tar.bz2`, format: 'tar.bz2', sha256: null, bytes: null });

export const CATALOGUE: readonly CatalogueEntry[] = [
  // ---- VAD ------------------------------------------------------------------------------------
  {
    name: 'silero-vad-v5', kind: 'vad', languages: ['*'], sampleRate: 16000, dir: 'silero-vad',
    files: { model: f('silero_vad_v5.onnx', 2_327_524, '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f') },
    assets: [{
      url: 'https://github.com/snakers4/silero-vad/raw/d2ab7c254e425ecb6c3307f48acbecdf06b06419/src/silero_vad/data/silero_vad.onnx',
      format: 'file', sha256: '2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f', bytes: 2_327_524, saveAs: 'silero_vad_v5.onnx',
    }],
    license: 'MIT',
    note: "Upstream file at a pinned commit; sherpa-onnx's asr-models/silero_vad.onnx is a different (older) export.",
  },
  // ---- Denoiser -------------------------------------------------------------------------------
  {
    name: 'gtcrn-speech-denoiser', kind: 'denoiser', languages: ['*'], sampleRate: 16000, dir: 'gtcrn-speech-denoiser',
    files: { model: f('gtcrn_simple.onnx') },
    assets: [{ url: `${REL}/speech-enhancement-models/gtcrn_simple.onnx`, format: 'file', sha256: null, bytes: null }],
    license: 'MIT',
    note: 'The copy in shared/models (535,571 bytes, sha256 576491cf…5596) has sherpa metadata appended by hand; the release asset is sherpa\'s own export, sha256 unknown here.',
  },
  // ---- Streaming ASR --------------------------------------------------------------------------
  {
    name: 'streaming-zipformer-bilingual-zh-en-2023-02-20', kind: 'asr', family: 'transducer', languages: ['zh', 'en'], sampleRate: 16000,
    dir: 'sherpa-onnx-streaming-zipformer-bilingual-zh-en-2023-02-20', outputFrameMs: 40, hotwords: true, modelingUnit: 'cjkchar+bpe', bpeVocab: 'bpe.vocab',
    files: {
      encoder: f('encoder-epoch-99-avg-1.int8.onnx'), decoder: f('decoder-epoch-99-avg-1.onnx'),
      joiner: f('joiner-epoch-99-avg-1.int8.onnx'), tokens: f('tokens.txt'),
    },
    assets: [archive('asr-models', 'sherpa-onnx-streaming-zipformer-bilingual-zh-en-2023-02-20')],
    license: 'Apache-2.0', note: 'Default Mandarin-English model.',
  },
  {
    name: 'streaming-zipformer-en-2023-06-26', kind: 'asr', family: 'transducer', languages: ['en'], sampleRate: 16000,
    dir: 'sherpa-onnx-streaming-zipformer-en-2023-06-26', outputFrameMs: 40, hotwords: true, modelingUnit: 'bpe', bpeVocab: 'bpe.vocab',
    files: {
      encoder: f('encoder-epoch-99-avg-1-chunk-16-left-128.int8.onnx'), decoder: f('decoder-epoch-99-avg-1-chunk-16-left-128.onnx'),
      joiner: f('joiner-epoch-99-avg-1-chunk-16-left-128.int8.onnx'), tokens: f('tokens.txt'),
    },
    assets: [archive('asr-models', 'sherpa-onnx-streaming-zipformer-en-2023-06-26')],
    license: 'Apache-2.0', note: 'Default English model.',
  },
  {
    name: 'streaming-zipformer-zh-14M-2023-02-23', kind: 'asr', family: 'transducer', languages: ['zh'], sampleRate: 16000,
    dir: 'sherpa-onnx-streaming-zipformer-zh-14M-2023-02-23', outputFrameMs: 40, hotwords: true, modelingUnit: 'cjkchar',
    files: {
      encoder: f('encoder-epoch-99-avg-1.int8.onnx'), decoder: f('decoder-epoch-99-avg-1.onnx'),
      joiner: f('joiner-epoch-99-avg-1.int8.onnx'), tokens: f('tokens.txt'),
    },
    assets: [archive('asr-models', 'sherpa-onnx-streaming-zipformer-zh-14M-2023-02-23')],
    license: 'Apache-2.0', note: 'Small Mandarin model (about 25 MB).',
  },
  {
    name: 'streaming-zipformer-ctc-multi-zh-hans-2023-12-13', kind: 'asr', family: 'zipformer2-ctc', languages: ['zh'], sampleRate: 16000,
    dir: 'sherpa-onnx-streaming-zipformer-ctc-multi-zh-hans-2023-12-13', outputFrameMs: 40, hotwords: false,
    files: { model: f('ctc-epoch-20-avg-1-chunk-16-left-128.int8.onnx'), tokens: f('tokens.txt') },
    assets: [archive('asr-models', 'sherpa-onnx-streaming-zipformer-ctc-multi-zh-hans-2023-12-13')],
    license: 'Apache-2.0',
  },
  {
    name: 'streaming-paraformer-bilingual-zh-en', kind: 'asr', family: 'paraformer', languages: ['zh', 'en'], sampleRate: 16000,
    dir: 'sherpa-onnx-streaming-paraformer-bilingual-zh-en', outputFrameMs: 60, hotwords: false,
    files: { encoder: f('encoder.int8.onnx'), decoder: f('decoder.int8.onnx'), tokens: f('tokens.txt') },
    assets: [archive('asr-models', 'sherpa-onnx-streaming-paraformer-bilingual-zh-en')],
    license: 'Apache-2.0 (model card: FunASR model license)',
  },
  // ---- TTS ------------------------------------------------------------------------------------
  {
    name: 'vits-icefall-zh-aishell3', kind: 'tts', family: 'vits', languages: ['zh'], sampleRate: 8000, dir: 'vits-icefall-zh-aishell3',
    files: {
      model: f('model.onnx'), lexicon: f('lexicon.txt'), tokens: f('tokens.txt'),
      dateFst: f('date.fst'), phoneFst: f('phone.fst'), numberFst: f('number.fst'), heteronymFst: f('new_heteronym.fst'), ruleFar: f('rule.far'),
    },
    ruleFsts: ['dateFst', 'phoneFst', 'numberFst', 'heteronymFst'], ruleFars: ['ruleFar'],
    assets: [archive('tts-models', 'vits-icefall-zh-aishell3')],
    license: 'Apache-2.0 (icefall recipe; AISHELL-3 data Apache-2.0)', note: 'Multi-speaker (174 speakers), 8 kHz output: native phone rate.',
  },
  {
    name: 'vits-piper-en_US-amy-low', kind: 'tts', family: 'vits', languages: ['en'], sampleRate: 16000, dir: 'vits-piper-en_US-amy-low',
    files: { model: f('en_US-amy-low.onnx'), tokens: f('tokens.txt'), dataDir: dirFile('espeak-ng-data') },
    assets: [archive('tts-models', 'vits-piper-en_US-amy-low')],
    license: 'piper voice: see MODEL_CARD in the archive',
  },
  {
    name: 'matcha-icefall-zh-baker', kind: 'tts', family: 'matcha', languages: ['zh'], sampleRate: 22050, dir: 'matcha-icefall-zh-baker',
    files: {
      acousticModel: f('model-steps-3.onnx'), vocoder: f('vocos-22khz-univ.onnx'), lexicon: f('lexicon.txt'), tokens: f('tokens.txt'),
      dateFst: f('date.fst'), phoneFst: f('phone.fst'), numberFst: f('number.fst'),
    },
    ruleFsts: ['dateFst', 'phoneFst', 'numberFst'],
    assets: [
      archive('tts-models', 'matcha-icefall-zh-baker'),
      { url: `${REL}/vocoder-models/vocos-22khz-univ.onnx`, format: 'file', sha256: null, bytes: null },
    ],
    license: 'Apache-2.0 (icefall recipe; Baker data: non-commercial)',
  },
  {
    name: 'kokoro-multi-lang-v1_0', kind: 'tts', family: 'kokoro', languages: ['zh', 'en'], sampleRate: 24000, dir: 'kokoro-multi-lang-v1_0',
    files: {
      model: f('model.onnx'), voices: f('voices.bin'), tokens: f('tokens.txt'), dataDir: dirFile('espeak-ng-data'),
      lexiconEn: f('lexicon-us-en.txt'), lexiconZh: f('lexicon-zh.txt'),
    },
    assets: [archive('tts-models', 'kokoro-multi-lang-v1_0')],
    license: 'Apache-2.0',
  },
];

/** Default model names per kind/language (the composition root may override them). */
export const DEFAULT_MODELS = {
  vad: 'silero-vad-v5',
  denoiser: 'gtcrn-speech-denoiser',
  asr: { zh: 'streaming-zipformer-bilingual-zh-en-2023-02-20', en: 'streaming-zipformer-en-2023-06-26' },
} as const;

export function findModel(name: string, catalogue: readonly CatalogueEntry[] = CATALOGUE): CatalogueEntry | undefined {
  return catalogue.find((e) => e.name === name);
}
