/** Bounds of read receipts (docs/rest-api.md §4.9, §7.22–7.24). */
export const ReceiptLimits = {
  /** Messages named in one receipt or count request. */
  messagesPerRequest: 100,
  /** Members in one page of get_group_msg_receipt_detail (Tencent's `Count` maximum). */
  detailPageMax: 200,
} as const;
