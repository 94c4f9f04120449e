/**
 * Topic matching without the term parser: compile prepared topics (made by `prepareTopics`, from
 * './index' or './prepare', wherever topics are saved) and match cards. Import this, not './index',
 * where bundle size matters: nothing here reaches parse.ts, regex-parse.ts or regex-analysis.ts.
 */
export { compilePrepared, type CompiledTopics, type PreparedTerm, type PreparedTopic } from './compile';
export { matchTopics, type MatchFields, type TopicMatch, type TopicRange } from './match';
