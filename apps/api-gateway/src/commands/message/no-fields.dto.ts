/** A command without fields (`openim_dirty_words/get`): the body is `{}`. */
export class NoFieldsDto {}
