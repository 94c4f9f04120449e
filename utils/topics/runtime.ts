/**
 * Topic matching without the term parser: compile prepared topics (`prepareTopics` makes them
 * where topics are saved) and match cards. Import this rather than the index where bundle size
 * matters: nothing here reaches parse.ts, regex-parse.ts or regex-analysis.ts (a unit test checks).
 */
export { compilePrepared, type CompiledTopics, type PreparedTerm, type PreparedTopic } from './compile';
export { matchTopics, type MatchFields, type TopicMatch, type TopicRange } from './match';
