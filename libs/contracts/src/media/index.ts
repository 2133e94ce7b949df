export * from './media.subjects';
export * from './media.subject-map';
export * from './media.limits';
export * from './media-object.request';
export * from './get-download-links.request';
export * from './get-download-links.reply';
