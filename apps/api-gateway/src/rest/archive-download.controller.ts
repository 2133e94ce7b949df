import { Readable } from 'node:stream';

import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

import { ArchiveChunkLimits, MessageRpc, RemoteError } from '@im/contracts';
import type { AppCredentialsReply, ArchiveChunkReply } from '@im/contracts';
import { AppRegistryCache, NatsBus, newRequestId } from '@im/platform';

import { archiveFileName, claimedApp, verifyArchiveToken } from './archive-link.rules';
import type { ArchiveLink } from './archive-link.rules';

/**
 * `GET /archive/<name>?token=…`: one file of an hourly message archive, by the signed link
 * open_msg_svc/get_history handed out (rest/archive-link.rules.ts). A link of another app, an
 * altered one or an expired one is refused (403); a file rebuilt or removed since is 404. The
 * file is read from the message service in chunks and streamed, so memory stays bounded.
 */
@Controller()
export class ArchiveDownloadController {
  constructor(
    private readonly apps: AppRegistryCache,
    private readonly bus: NatsBus,
  ) {}

  @Get('archive/:name')
  async download(@Query('token') token: unknown, @Res() reply: FastifyReply): Promise<void> {
    void reply.header('cache-control', 'no-store');
    const found = await this.linkOf(token);
    if ('refused' in found) {
      await reply.status(403).send({ error: `download link refused: ${found.refused}` });
      return;
    }
    const { link, app } = found;
    let first: ArchiveChunkReply;
    try {
      first = await this.chunk(link, app, 0);
    } catch (err) {
      if (!(err instanceof RemoteError)) throw err;
      await reply.status(404).send({ error: err.message });
      return;
    }
    const body = Readable.from(this.chunks(link, app, first));
    await reply
      .header('content-type', 'application/gzip')
      .header('content-length', String(first.total))
      .header('content-disposition', `attachment; filename="${archiveFileName(link)}"`)
      .send(body);
  }

  private async linkOf(
    token: unknown,
  ): Promise<{ link: ArchiveLink; app: AppCredentialsReply } | { refused: string }> {
    if (typeof token !== 'string') return { refused: 'no token' };
    const claimed = claimedApp(token);
    if (!claimed) return { refused: 'malformed' };
    const app = await this.apps.get(claimed.sdkAppId);
    if (!app || app.status !== 'active') return { refused: 'unknown or disabled app' };
    const verdict = verifyArchiveToken(token, app.secretKey, Math.floor(Date.now() / 1000));
    return 'refused' in verdict ? verdict : { link: verdict.link, app };
  }

  private async *chunks(
    link: ArchiveLink,
    app: AppCredentialsReply,
    first: ArchiveChunkReply,
  ): AsyncGenerator<Buffer> {
    let chunk = first;
    let offset = 0;
    for (;;) {
      const data = Buffer.from(chunk.data, 'base64');
      if (data.length === 0) return;
      yield data;
      offset += data.length;
      if (offset >= chunk.total) return;
      chunk = await this.chunk(link, app, offset);
    }
  }

  /** As the app's admin: the message service scopes every read by the caller's app. */
  private chunk(
    link: ArchiveLink,
    app: AppCredentialsReply,
    offset: number,
  ): Promise<ArchiveChunkReply> {
    return this.bus.request(
      MessageRpc.ReadArchiveChunk,
      {
        chatType: link.chatType,
        hour: link.hour,
        part: link.part,
        generation: link.generation,
        offset,
        length: ArchiveChunkLimits.maxBytes,
      },
      {
        context: {
          sdkAppId: app.sdkAppId,
          callerId: app.adminIdentifiers[0] ?? 'administrator',
          role: 'admin',
          requestId: newRequestId(),
        },
      },
    );
  }
}
