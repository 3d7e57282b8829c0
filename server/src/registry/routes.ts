/** 服务人员名册: export to xlsx, the import template, and the import (dry run or apply). */
import type { Handlers } from '../http/router';
import { Reply } from '../http/router';
import { contentDisposition, EXPORT_CONTENT_TYPES } from '../assessments/export';
import { exportRegistry, importRegistry, registryTemplate } from './import';
import { createAssignment, createStaff, listRegistry, updateAssignment, updateStaff } from './staff';

const file = ({ body, filename }: { body: Buffer; filename: string }) =>
  new Reply({ type: EXPORT_CONTENT_TYPES.xlsx, body, headers: { 'Content-Disposition': contentDisposition(filename) } });

export const registryHandlers: Pick<
  Handlers,
  'registryExport' | 'registryTemplate' | 'registryImport' | 'registry' | 'createStaff' | 'updateStaff' | 'createAssignment' | 'updateAssignment'
> = {
  registryExport: async ({ deps, query }) => file(await exportRegistry(deps, query.region)),
  registryTemplate: async () => file(await registryTemplate()),
  registryImport: ({ deps, actor, body }) => importRegistry(deps, actor, body),
  registry: ({ deps, query }) => listRegistry(deps, query.county),
  createStaff: ({ deps, actor, body }) => createStaff(deps, actor, body),
  updateStaff: ({ deps, actor, params, body }) => updateStaff(deps, actor, params.id, body),
  createAssignment: ({ deps, actor, body }) => createAssignment(deps, actor, body),
  updateAssignment: ({ deps, actor, params, body }) => updateAssignment(deps, actor, params.id, body),
};
