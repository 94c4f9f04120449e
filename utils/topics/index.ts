/**
 * Topic matching: parse and validate terms, compile topics once, match cards in one pass. No DOM.
 * Compiling (compileTopics) is prepareTopics (parse and check: plain JSON, to store or send) then
 * compilePrepared (lookup tables).
 */
export { compilePrepared, compileTopics, type CompiledTopics, type PreparedTerm, type PreparedTopic } from './compile';
export { EXAMPLE_TOPICS, TERM_SYNTAX_HELP } from './examples';
export { matchTopics, plainMatch, type MatchFields, type TopicMatch, type TopicRange } from './match';
export {
  MAX_NAME_LENGTH,
  MAX_TERM_LENGTH,
  MAX_TERMS_PER_TOPIC,
  parseTerm,
  parseTerms,
  validateTopic,
  type ParseResult,
  type RegexTerm,
  type Term,
  type TopicInputLike,
  type WordPattern,
  type WordsTerm,
} from './parse';
export { matchableTopics, prepareTopics } from './prepare';
