import 'reflect-metadata';

import { compileValidator } from '@im/platform';
import { PayloadSampler, rulesOf, seededRandom } from '@im/testing';

import { REST_COMMANDS } from '../api-gateway.module';
import { validateDto, validateDtoFully } from './dto-validation.rules';

type Dto = new () => object;

/** Shape, classes and key order of a value. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (typeof value !== 'object' || value === null) return value;
  return {
    class: value.constructor?.name ?? null,
    entries: Object.entries(value).map(([k, v]) => [k, shapeOf(v)]),
  };
}

function outcome(validate: typeof validateDto, dto: Dto, body: Record<string, unknown>): string {
  try {
    return JSON.stringify({ ok: shapeOf(validate(dto, body, 1)) });
  } catch (err) {
    return JSON.stringify({ code: (err as { code?: number }).code, error: (err as Error).message });
  }
}

const dtos = [...new Set(REST_COMMANDS.map((row) => row.dto))].filter(
  (dto) => rulesOf(dto).length > 0,
);

describe('validateDto with compiled rules', () => {
  it('compiles the DTOs of most REST commands, openim/sendmsg among them', () => {
    const compiled = dtos.filter((dto) => compileValidator(dto) !== undefined);
    expect(compiled.length).toBeGreaterThan(dtos.length / 2);
    const sendmsg = REST_COMMANDS.find((r) => r.service === 'openim' && r.command === 'sendmsg');
    expect(compileValidator(sendmsg!.dto)).toBeDefined();
  });

  it('builds the same DTO, or refuses with the same code and words, as class-validator alone', () => {
    const random = seededRandom(16);
    const mismatches: string[] = [];
    let accepted = 0;
    let samples = 0;
    for (const dto of dtos) {
      const sampler = new PayloadSampler(dto, random);
      for (let i = 0; i < 8; i++) {
        const body = sampler.sample();
        samples++;
        const full = outcome(validateDtoFully, dto, structuredClone(body));
        const fast = outcome(validateDto, dto, structuredClone(body));
        if (full.startsWith('{"ok"')) accepted++;
        if (full !== fast && mismatches.length < 5)
          mismatches.push(`${dto.name} ${JSON.stringify(body)}: ${full} / ${fast}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(accepted).toBeGreaterThan(samples / 20);
  });
});
