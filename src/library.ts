/** Library (.NET `Library`): facts about the librdkafka this addon carries. */
import { native } from './binding';

export const Library = {
  /** librdkafka's version as an integer (0xMMmmrrxx), e.g. 0x020f01ff for 2.15.1. */
  get version(): number {
    return native.version();
  },
  /** librdkafka's version string, e.g. "2.15.1". */
  get versionString(): string {
    return native.versionString();
  },
  /** builtin.features of this build: compression codecs, ssl, sasl mechanisms, ... */
  get features(): string[] {
    return native.features().split(',');
  },
} as const;
