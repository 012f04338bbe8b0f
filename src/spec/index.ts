/** The spec stage: load the pinned contract and build the method catalogue from it. */
export { type CatalogueOptions, clearCatalogueCache, loadCatalogue } from './catalogue.js';
export {
  hashSpecTexts,
  isUrl,
  type LoadedSpec,
  loadSpecDocument,
  loadSpecSource,
} from './load-document.js';
export { EXTENSION_KEY, mergeExtensions } from './merge.js';
export {
  derivePublishedDocument,
  isInferredNode,
  PROVENANCE_KEY,
  REQUIRED_INFERRED_KEY,
} from './published.js';
export type * from './types.js';
