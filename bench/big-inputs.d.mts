export function bigCpuLine(bytes: number): string;
export function bigDomainXml(bytes: number): string;
export function unknownItems(count: number): string;
