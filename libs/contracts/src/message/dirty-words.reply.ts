export class DirtyWordsReply {
  words!: string[];
}
