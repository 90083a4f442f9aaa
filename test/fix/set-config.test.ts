import { describe, expect, it } from 'vitest';
import type { FeatureId } from '../../src/catalog/index.js';
import { findMissingDependencies } from '../../src/model/index.js';
import { planSetChanges, setConfig } from '../../src/fix/set-config.js';
import type { SetRequest } from '../../src/fix/set-config.js';
import { getFormat } from '../../src/formats/registry.js';
import { expandCommands } from '../../src/syntax/shell/expand.js';
import { splitShell } from '../../src/syntax/shell/split.js';
import { parseIn } from '../rules/syntaxes.js';

const on = (feature: FeatureId): SetRequest => ({ kind: 'feature', feature, value: true });

describe('planSetChanges', () => {
  it('turning stimer on brings synic and time, and synic brings vpindex, each with the feature that needs it', () => {
    const plan = planSetChanges({ mode: 'custom', features: { relaxed: true } }, [on('stimer')]);
    expect(plan.set.features).toEqual({ relaxed: true, stimer: true, synic: true, time: true, vpindex: true });
    expect(plan.additions).toEqual([
      { feature: 'synic', neededBy: 'stimer' },
      { feature: 'time', neededBy: 'stimer' },
      { feature: 'vpindex', neededBy: 'synic' },
    ]);
    expect(findMissingDependencies(plan.set)).toEqual([]);
  });
  it('exact: only what was asked', () => {
    const plan = planSetChanges({ mode: 'custom', features: {} }, [on('stimer')], true);
    expect(plan.set.features).toEqual({ stimer: true });
    expect(plan.additions).toEqual([]);
  });
  it('never turns on what the same request turns off', () => {
    const plan = planSetChanges({ mode: 'custom', features: {} }, [
      on('stimer'),
      { kind: 'feature', feature: 'synic', value: false },
    ]);
    expect(plan.set.features).toEqual({ stimer: true, synic: false, time: true });
  });
  it('adds nothing in passthrough mode, nor for a feature that was already on', () => {
    expect(planSetChanges({ mode: 'passthrough', features: {} }, [on('stimer')]).additions).toEqual([]);
    expect(planSetChanges({ mode: 'custom', features: { stimer: true } }, [on('stimer')]).additions).toEqual([]);
  });
});

describe('setConfig', () => {
  const domain = (hyperv: string) =>
    `<domain type='kvm'>\n  <features>\n    <hyperv mode='custom'>\n${hyperv}    </hyperv>\n  </features>\n</domain>\n`;

  it('writes the change and what it requires into the input, and checks the result', () => {
    const r = setConfig(parseIn('qemu', 'host,hv_relaxed'), getFormat('qemu')!, [on('stimer')]);
    expect(r.failed).toBe(false);
    expect(r.changed).toBe(true);
    expect(r.text).toBe('host,hv_relaxed,hv_time,hv_vpindex,hv_synic,hv_stimer');
    expect(r.additions.map((a) => a.feature)).toEqual(['synic', 'time', 'vpindex']);
    expect(r.result?.source).toBe(r.text);
    expect(r.findings).toEqual([]);
  });

  it('asks for the libvirt release only when the change needs an element newer than every libvirt in use', () => {
    const asked: boolean[] = [];
    const libvirtVersion = (needsRelease: boolean) => {
      asked.push(needsRelease);
      return needsRelease ? '8.0.0' : undefined;
    };
    const input = parseIn('libvirt', domain("      <relaxed state='on'/>\n"));
    expect(setConfig(input, getFormat('libvirt')!, [on('vapic')], { libvirtVersion }).text).toContain(
      "<vapic state='on'/>",
    );
    const avic = setConfig(input, getFormat('libvirt')!, [on('avic')], { libvirtVersion, exact: true });
    expect(asked).toEqual([false, true]);
    expect(avic.failed).toBe(true);
    expect(avic.text).toBe(input.source);
    expect(avic.diagnostics.map((d) => d.code)).toContain('LIBVIRT_TOO_OLD');
  });

  // A -cpu word written in bash's ANSI-C quoting is read whole (src/syntax/shell/ansi-c.ts): a change
  // writes the word back in plain quoting, holding the value bash gave the old one plus the change.
  it("rewrites a -cpu word written as $'...' in plain quoting, with the value bash reads in it", () => {
    const script = "qemu-system-x86_64 -cpu $'host,hv_vendor_id=KVM\\x20Hv\\'s' -m 4G\n";
    const r = setConfig(parseIn('qemu', script), getFormat('qemu')!, [on('vapic')]);
    expect(r.failed).toBe(false);
    expect(r.text).toBe("qemu-system-x86_64 -cpu 'host,hv_vendor_id=KVM Hv'\\''s,hv_vapic' -m 4G\n");
    const words = splitShell(r.text).words;
    expect(expandCommands(r.text, words, [words])[0]![2]!.value).toBe("host,hv_vendor_id=KVM Hv's,hv_vapic");
  });

  it('gets no configuration from input it cannot read: the parse says so', () => {
    const read = getFormat('libvirt')!.parse('<domain><features>');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.diagnostics.map((d) => d.code)).toEqual(['XML_MALFORMED']);
  });
});
