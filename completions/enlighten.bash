# bash completion for enlighten 0.1.0, written by `enlighten completion bash`.
# Save it as ~/.local/share/bash-completion/completions/enlighten, or source it.

# Options of a command that take a value: _enlighten_takes_value COMMAND OPTION
_enlighten_takes_value() {
  local valued=
  case $1 in
    'convert') valued=' --max-bytes --to --from --style --kind --into --libvirt-version --capabilities --cpu-vendor --qemu-version --companion ' ;;
    'check') valued=' --os --cpu-vendor --host --host-file --apicv --nested-virt --clocksource --kvm-hyperv --qemu-version --libvirt-version --machine --target --companion --max-bytes --from --connect ' ;;
    'audit') valued=' --os --cpu-vendor --host --host-file --apicv --nested-virt --clocksource --kvm-hyperv --qemu-version --libvirt-version --machine --companion --max-bytes --connect --hosts --jobs --timeout --color --format --fail-on ' ;;
    'fix') valued=' --os --cpu-vendor --host --host-file --apicv --nested-virt --clocksource --kvm-hyperv --qemu-version --libvirt-version --machine --target --companion --max-bytes --from --preset --style --connect --hosts --jobs --timeout --domain --journal --resume --color ' ;;
    'recommend') valued=' --os --cpu-vendor --host --host-file --apicv --nested-virt --clocksource --kvm-hyperv --qemu-version --libvirt-version --machine --companion --max-bytes --to --style --kind --preset --tsc-frequency --compare ' ;;
    'set') valued=' --max-bytes --connect --from --libvirt-version --cpu-vendor --qemu-version --companion ' ;;
    'cpuid') valued=' --max-bytes --from --machine --host ' ;;
    'decode') valued=' --max-bytes --expect --from --machine --host ' ;;
    'serve') valued=' --port --host ' ;;
  esac
  [[ $valued == *" $2 "* ]]
}

# Sets COMPREPLY to the words (one string) that start with $cur, and to file names when $2 is "file".
_enlighten_values() {
  COMPREPLY=($(compgen -W "$1" -- "$cur"))
  if [ "$2" = file ]; then
    local IFS=$'\n'
    COMPREPLY+=($(compgen -f -- "$cur"))
    compopt -o filenames 2>/dev/null
  fi
  if [ -n "$prefix" ]; then COMPREPLY=("${COMPREPLY[@]/#/$prefix}"); fi
  return 0
}

_enlighten() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev= opt= prefix= cmd= words= w i=1
  COMPREPLY=()
  # The command: the first word that is not an option.
  while [ "$i" -lt "$COMP_CWORD" ]; do
    w=${COMP_WORDS[i]}
    case $w in
      -?*) ;;
      *) cmd=$w; break ;;
    esac
    i=$((i + 1))
  done
  if [ -z "$cmd" ]; then
    case $cur in
      -*) _enlighten_values '-V --version -h --help' ;;
      *) _enlighten_values 'list explain convert check audit fix recommend set cpuid decode guest-script probe serve completion help' ;;
    esac
    return 0
  fi
  # The value of an option: `--to q`, or `--to=q` as one word or (= in COMP_WORDBREAKS) three.
  if [ $((COMP_CWORD - 1)) -gt "$i" ]; then prev=${COMP_WORDS[COMP_CWORD-1]}; fi
  if [ "$cur" = = ] && [[ $prev == -?* ]]; then
    opt=$prev cur=
  elif [ "$prev" = = ] && [ $((COMP_CWORD - 2)) -gt "$i" ]; then
    opt=${COMP_WORDS[COMP_CWORD-2]}
  elif [[ $cur == --*=* ]]; then
    opt=${cur%%=*} prefix=${cur%%=*}= cur=${cur#*=}
  elif [[ $prev == -?* ]] && _enlighten_takes_value "$cmd" "$prev"; then
    opt=$prev
  fi
  if [ -n "$opt" ]; then
    case "$cmd $opt" in
      'convert --to'|'convert --from'|'check --target'|'check --from'|'fix --target'|'fix --from'|'recommend --to'|'set --from'|'cpuid --from'|'decode --from') _enlighten_values 'qemu json virt-xml libvirt kubevirt proxmox' ;;
      'convert --style'|'fix --style'|'recommend --style') _enlighten_values 'modern legacy' ;;
      'convert --kind'|'recommend --kind') _enlighten_values 'preference' ;;
      'convert --into'|'convert --capabilities'|'convert --companion'|'check --host-file'|'check --companion'|'audit --host-file'|'audit --companion'|'audit --hosts'|'fix --host-file'|'fix --companion'|'fix --hosts'|'fix --journal'|'fix --resume'|'recommend --host-file'|'recommend --companion'|'set --companion'|'cpuid --host'|'decode --expect'|'decode --host') _enlighten_values '' file ;;
      'convert --cpu-vendor'|'check --cpu-vendor'|'audit --cpu-vendor'|'fix --cpu-vendor'|'recommend --cpu-vendor'|'set --cpu-vendor') _enlighten_values 'intel amd' ;;
      'check --os'|'audit --os'|'fix --os'|'recommend --os') _enlighten_values 'winxp win2k3 win2k3r2 winvista win2k8 win7 win2k8r2 win8 win2k12 win8.1 win2k12r2 win10 win2k16 win2k19 win2k22 win11 win2k25 linux' ;;
      'check --host'|'audit --host'|'fix --host'|'recommend --host') _enlighten_values 'auto' file ;;
      'check --apicv'|'check --nested-virt'|'audit --apicv'|'audit --nested-virt'|'fix --apicv'|'fix --nested-virt'|'recommend --apicv'|'recommend --nested-virt') _enlighten_values 'yes no' ;;
      'check --kvm-hyperv'|'audit --kvm-hyperv'|'fix --kvm-hyperv'|'recommend --kvm-hyperv') _enlighten_values 'none time passthrough relaxed vapic spinlocks vpindex runtime synic stimer stimer-direct reset vendor-id frequencies reenlightenment tlbflush tlbflush-direct tlbflush-ext ipi evmcs avic emsr-bitmap xmm-input crash kvm-hidden syndbg no-nonarch-coresharing enforce-cpuid version-id-build version-id-major version-id-minor version-id-spack version-id-sbranch version-id-snumber x-max-vps x-synic-kvm-only' ;;
      'audit --color'|'fix --color') _enlighten_values 'auto always never' ;;
      'audit --format') _enlighten_values 'table json sarif markdown' ;;
      'audit --fail-on') _enlighten_values 'error warning never' ;;
      'fix --preset'|'recommend --preset') _enlighten_values 'windows-modern windows-legacy windows-xp linux nested-hyperv gpu-passthrough rhel-guide qemu-recommended' ;;
      'recommend --compare') _enlighten_values 'virt-install proxmox kubevirt nova' ;;
    esac
    return 0
  fi
  # Count the arguments before this word, skipping option values; after --, all words are arguments.
  local n=0 k=$((i + 1)) dashdash=
  while [ "$k" -lt "$COMP_CWORD" ]; do
    w=${COMP_WORDS[k]}
    if [ -n "$dashdash" ]; then
      n=$((n + 1))
    elif [ "$w" = -- ]; then
      dashdash=1
    elif [[ $w == -?* ]] && [ "${COMP_WORDS[k+1]}" = = ]; then
      k=$((k + 2))
    elif [[ $w == -?* ]]; then
      _enlighten_takes_value "$cmd" "$w" && k=$((k + 1))
    else
      n=$((n + 1))
    fi
    k=$((k + 1))
  done
  if [ -z "$dashdash" ] && [[ $cur == -* ]]; then
    case $cmd in
      'list'|'explain'|'guest-script') words='--json -h --help' ;;
      'convert') words='--max-bytes --to --from --style --kind --json --into --libvirt-version --capabilities --cpu-vendor --qemu-version --companion -h --help' ;;
      'check') words='--os --cpu-vendor --host --host-file --apicv --nested-virt --clocksource --kvm-hyperv --migratable --nested-hyperv --gpu-passthrough --overcommitted --qemu-version --libvirt-version --machine --target --companion --max-bytes --from --connect --json -h --help' ;;
      'audit') words='--os --cpu-vendor --host --host-file --apicv --nested-virt --clocksource --kvm-hyperv --migratable --nested-hyperv --gpu-passthrough --overcommitted --qemu-version --libvirt-version --machine --companion --max-bytes --connect --hosts --jobs --timeout --color -q --quiet -v --verbose --json --format --fail-on -h --help' ;;
      'fix') words='--os --cpu-vendor --host --host-file --apicv --nested-virt --clocksource --kvm-hyperv --migratable --nested-hyperv --gpu-passthrough --overcommitted --qemu-version --libvirt-version --machine --target --companion --max-bytes --from --dry-run --stdout --preset --style --connect --hosts --jobs --timeout --domain --journal --resume --color -q --quiet -v --verbose --print-virt-xml --force --json -h --help' ;;
      'recommend') words='--os --cpu-vendor --host --host-file --apicv --nested-virt --clocksource --kvm-hyperv --migratable --nested-hyperv --gpu-passthrough --overcommitted --qemu-version --libvirt-version --machine --companion --max-bytes --to --style --kind --preset --tsc-frequency --explain --compare --json -h --help' ;;
      'set') words='--max-bytes --connect --dry-run --stdout --from --libvirt-version --force --cpu-vendor --qemu-version --companion --exact --json -h --help' ;;
      'cpuid') words='--max-bytes --from --machine --host --linux-log --json -h --help' ;;
      'decode') words='--max-bytes --expect --from --machine --host --json -h --help' ;;
      'probe') words='--json --no-libvirt --no-tools -h --help' ;;
      'serve') words='--port --host -h --help' ;;
      'completion') words='-h --help' ;;
      'help') words='' ;;
    esac
    _enlighten_values "$words"
    return 0
  fi
  case $cmd in
    'check'|'audit') [ "$n" -gt 0 ] && n=0 ;;
    'set') [ "$n" -gt 1 ] && n=1 ;;
  esac
  case "$cmd $n" in
    'explain 0'|'set 1') _enlighten_values 'time passthrough relaxed vapic spinlocks vpindex runtime synic stimer stimer-direct reset vendor-id frequencies reenlightenment tlbflush tlbflush-direct tlbflush-ext ipi evmcs avic emsr-bitmap xmm-input crash kvm-hidden syndbg no-nonarch-coresharing enforce-cpuid version-id-build version-id-major version-id-minor version-id-spack version-id-sbranch version-id-snumber x-max-vps x-synic-kvm-only' ;;
    'convert 0'|'check 0'|'audit 0'|'fix 0'|'set 0'|'cpuid 0'|'decode 0') _enlighten_values '' file ;;
    'guest-script 0') _enlighten_values 'linux windows' ;;
    'completion 0') _enlighten_values 'bash zsh fish' ;;
    'help 0') _enlighten_values 'list explain convert check audit fix recommend set cpuid decode guest-script probe serve completion' ;;
  esac
  return 0
}

complete -F _enlighten enlighten
