export { Recommender, THRESHOLD, MIN_TAG_PAPERS, NEGATIVE_WEIGHT, termWeights, type RecCard, type RecPaper, type Recommendation, type Snapshot } from './model';
export { countTerms, countText, Lexicon, stem, textOf, type Stemming } from './tokenize';
