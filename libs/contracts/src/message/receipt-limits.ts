/** Bounds of read receipts (docs/rest-api.md §4.10, §7.28). */
export const ReceiptLimits = {
  /** Messages named in one receipt or count request. */
  messagesPerRequest: 100,
  /** Members in one page of get_group_msg_receipt_detail (Tencent's `Count` maximum). */
  detailPageMax: 200,
} as const;
