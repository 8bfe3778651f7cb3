import 'reflect-metadata';
import { IsOptional, IsString } from 'class-validator';
import { ApiError } from './api-error';
import { createValidationPipe, IsOptionalNotNull } from './validation';

class RenameBody {
  @IsOptionalNotNull()
  @IsString()
  name?: string;

  @IsOptional()
  @IsString()
  note?: string | null;
}

const validate = (body: unknown) => createValidationPipe().transform(body, { type: 'body', metatype: RenameBody });

describe('IsOptionalNotNull', () => {
  it('lets the field be left out, and checks it when sent', async () => {
    await expect(validate({})).resolves.toEqual({});
    await expect(validate({ name: 'Phú Lộc' })).resolves.toEqual({ name: 'Phú Lộc' });
    await expect(validate({ name: 5 })).rejects.toBeInstanceOf(ApiError);
  });

  it('refuses null with VALIDATION_FAILED naming the field (IsOptional would let it through)', async () => {
    const err = await validate({ name: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('VALIDATION_FAILED');
    expect((err as ApiError).details?.map((d) => d.field)).toEqual(['name']);
    await expect(validate({ note: null })).resolves.toEqual({ note: null });
  });
});
