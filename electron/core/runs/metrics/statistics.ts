// The definitions live in shared/ so the renderer's live series use the very same statistics.
export {
  bootstrapMedianInterval,
  mulberry32,
  summarise,
  type SummariseOptions,
} from '../../../../shared/run-statistics';
