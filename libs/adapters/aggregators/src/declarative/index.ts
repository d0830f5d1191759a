export { DeclarativeAdapter, STORE_QUERY_PARAMETER } from './declarative.adapter';
export {
  type DeclarativeAuth,
  type DeclarativeMapping,
  mappingProblems,
  MappingConfigError,
  parseMapping,
  type PlatformStatusMeaning,
} from './declarative-mapping';
export { DECLARATIVE_PLATFORMS, DECLARATIVE_PRESETS } from './declarative.presets';
