/**
 * IPC channels of the Index Lab. Simulations themselves run in the renderer (a Web Worker over the
 * pure engine in shared/indexlab); main only writes exports and keeps the user's named specs.
 */
import { z } from 'zod';
import { displayNameSchema } from '../../schema';
import { IndexSpecSchema, type IndexSpec } from '../../indexlab/spec';
import { channel, NoArgs } from '../define';

/** Largest export accepted (characters of content). */
export const INDEXLAB_EXPORT_MAX_CHARS = 20_000_000;
/** Most named specs kept. */
export const INDEXLAB_MAX_SAVED_SPECS = 200;

export const INDEXLAB_EXPORT_KINDS = ['results-csv', 'results-json', 'spec-json'] as const;
export type IndexLabExportKind = (typeof INDEXLAB_EXPORT_KINDS)[number];

/**
 * A file name without any directory part: no path separators, no "..", no control characters,
 * not starting with a dot.
 */
export const ExportFileNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters')
  .refine((s) => !/[/\\]/.test(s), 'must be a file name, without / or \\')
  .refine((s) => !s.includes('..') && !s.startsWith('.'), 'must not contain ".." or start with "."')
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f:*?"<>|]/.test(s), 'must not contain control characters or : * ? " < > |');

export const SpecNameSchema = displayNameSchema(100);

/** A named spec as stored in main. */
export interface SavedIndexSpec {
  name: string;
  /** Validated spec with every default filled in; null when the stored copy no longer validates. */
  spec: IndexSpec | null;
  /** Why a stored spec could not be read ("path: reason"), when `spec` is null. */
  errors?: string[];
  savedAt: number;
}

export const indexlabChannels = {
  /** Writes an export through the save dialog; `path` is null when the user cancelled. */
  'indexlab:export': channel<{ path: string | null }>()(
    z.strictObject({
      kind: z.enum(INDEXLAB_EXPORT_KINDS),
      name: ExportFileNameSchema,
      content: z.string().max(INDEXLAB_EXPORT_MAX_CHARS, 'the export is larger than 20 MB'),
    }),
  ),
  'indexlab:savedSpecs': channel<SavedIndexSpec[]>()(NoArgs),
  /** Saves (or replaces, by name) a named spec; returns the list, newest first. */
  'indexlab:saveSpec': channel<SavedIndexSpec[]>()(z.strictObject({ name: SpecNameSchema, spec: IndexSpecSchema })),
  'indexlab:deleteSpec': channel<SavedIndexSpec[]>()(z.strictObject({ name: SpecNameSchema })),
};
