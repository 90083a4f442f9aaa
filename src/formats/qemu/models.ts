/**
 * The x86 CPU model families QEMU knows, so that a line of text is read as a bare -cpu value only
 * when it names one (or carries Hyper-V items). Source: `qemu-system-x86_64 -cpu help` of QEMU 7.2
 * (Debian 12), plus the families later releases added (SapphireRapids 8.0, GraniteRapids 9.0,
 * SierraForest 9.0, EPYC-Genoa 8.1, EPYC-Turin 9.2, YongFeng 9.1, ClearwaterForest 10.0), from
 * target/i386/cpu.c builtin_x86_defs[]. A model's versions and variants (`-v2`, `-IBRS`,
 * `-noTSX`) follow its family name.
 */
const FAMILIES = [
  '486',
  'athlon',
  'base',
  'Broadwell',
  'Cascadelake-Server',
  'ClearwaterForest',
  'Conroe',
  'Cooperlake',
  'core2duo',
  'coreduo',
  'Denverton',
  'Dhyana',
  'EPYC',
  'EPYC-Genoa',
  'EPYC-Milan',
  'EPYC-Rome',
  'EPYC-Turin',
  'GraniteRapids',
  'Haswell',
  'host',
  'Icelake-Client',
  'Icelake-Server',
  'IvyBridge',
  'KnightsMill',
  'kvm32',
  'kvm64',
  'max',
  'n270',
  'Nehalem',
  'Opteron_G1',
  'Opteron_G2',
  'Opteron_G3',
  'Opteron_G4',
  'Opteron_G5',
  'Penryn',
  'pentium',
  'pentium2',
  'pentium3',
  'phenom',
  'qemu32',
  'qemu64',
  'SandyBridge',
  'SapphireRapids',
  'SierraForest',
  'Skylake-Client',
  'Skylake-Server',
  'Snowridge',
  'Westmere',
  'YongFeng',
];
const MODEL = new RegExp(
  `^(${FAMILIES.map((f) => f.replace(/[-]/g, '\\-')).join('|')})(-(v\\d+|IBRS|IBPB|noTSX|noTSX-IBRS))*$`,
);

/** True when `name` is a QEMU x86 CPU model (any version or variant). */
export function isQemuCpuModel(name: string): boolean {
  return MODEL.test(name);
}
