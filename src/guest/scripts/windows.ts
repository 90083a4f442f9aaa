/**
 * The PowerShell script a user runs inside a Windows guest. Supported: Windows PowerShell 5.1
 * (every stock Windows 10/11 and Server 2016 or later) and PowerShell 7.1+, 64-bit only, outside
 * Constrained Language Mode. PowerShell 7.1+ reads CPUID with .NET's X86Base.CpuId; Windows
 * PowerShell 5.1 has no such API, so the script compiles a 24-byte x64 CPUID stub with Add-Type
 * (VirtualAlloc + a delegate). Its output has the same shape as the Linux script's.
 */
export const WINDOWS_GUEST_SCRIPT = String.raw`# enlighten guest report for Windows. Run it in PowerShell inside the guest:
#   powershell -ExecutionPolicy Bypass -File enlighten-guest.ps1 > report.txt
# then on any machine: enlighten decode report.txt
# Windows PowerShell 5.1 and PowerShell 7.1+ on 64-bit Windows. It reads; it changes nothing.
$ErrorActionPreference = 'Stop'
'# enlighten-guest-report: 1'
'# os: windows'
'# windows: ' + [Environment]::OSVersion.Version
'# powershell: ' + $PSVersionTable.PSVersion
$leaves = @(0x40000000..0x4000000A) + @(0x40000080, 0x40000081, 0x40000082, 0x40000100, 0x40000101)
$reader = $null
$x86 = 'System.Runtime.Intrinsics.X86.X86Base' -as [type]
if ($x86 -and $x86::IsSupported) {
  $reader = 'X86Base.CpuId'
} elseif ([Environment]::Is64BitProcess) {
  try {
    Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
public static class EnlightenCpuid {
  [DllImport("kernel32.dll", SetLastError = true)]
  static extern IntPtr VirtualAlloc(IntPtr address, UIntPtr size, uint type, uint protect);
  [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
  delegate void CpuidFn(int leaf, int subleaf, IntPtr registers);
  static CpuidFn fn;
  public static int[] Query(int leaf) {
    if (fn == null) {
      // push rbx; mov eax,ecx; mov ecx,edx; cpuid; mov [r8],eax; mov [r8+4],ebx; mov [r8+8],ecx; mov [r8+12],edx; pop rbx; ret
      byte[] code = { 0x53, 0x89, 0xC8, 0x89, 0xD1, 0x0F, 0xA2, 0x41, 0x89, 0x00, 0x41, 0x89, 0x58, 0x04,
                      0x41, 0x89, 0x48, 0x08, 0x41, 0x89, 0x50, 0x0C, 0x5B, 0xC3 };
      IntPtr mem = VirtualAlloc(IntPtr.Zero, (UIntPtr)code.Length, 0x3000, 0x40);
      if (mem == IntPtr.Zero) throw new InvalidOperationException("VirtualAlloc failed");
      Marshal.Copy(code, 0, mem, code.Length);
      fn = (CpuidFn)Marshal.GetDelegateForFunctionPointer(mem, typeof(CpuidFn));
    }
    IntPtr buffer = Marshal.AllocHGlobal(16);
    try { fn(leaf, 0, buffer); int[] r = new int[4]; Marshal.Copy(buffer, r, 0, 4); return r; }
    finally { Marshal.FreeHGlobal(buffer); }
  }
}
'@
    $reader = 'VirtualAlloc stub'
  } catch {
    '# cpuid: not readable (' + $_.Exception.Message + ')'
  }
} else {
  '# cpuid: not readable (a 32-bit PowerShell; run the 64-bit one)'
}
if ($reader) { '# cpuid-source: ' + $reader }
'[cpuid]'
if ($reader) {
  foreach ($leaf in $leaves) {
    if ($reader -eq 'X86Base.CpuId') {
      $t = $x86::CpuId($leaf, 0)
      $r = @($t.Item1, $t.Item2, $t.Item3, $t.Item4)
    } else {
      $r = [EnlightenCpuid]::Query($leaf)
    }
    '0x{0:x8} 0x{1:x8} 0x{2:x8} 0x{3:x8} 0x{4:x8}' -f $leaf, $r[0], $r[1], $r[2], $r[3]
  }
}
'[clock]'
'qpc-frequency: ' + [System.Diagnostics.Stopwatch]::Frequency
'[end]'
`;
