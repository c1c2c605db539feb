; Inno Setup script for the Windows installer of oncall (optional; the dist\oncall folder
; also runs as is). Build the app first, then from the repository root:
;   pyinstaller --noconfirm --clean --distpath dist --workpath build packaging\oncall.spec
;   iscc /DAppVersion=X.Y.Z packaging\windows\oncall.iss
; AppVersion must be the [project] version of pyproject.toml (the only place it lives);
; packaging\build.sh prints it, or: python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
; Not tested in CI (no Windows runner); written for Inno Setup 6.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z packaging\windows\oncall.iss
#endif

[Setup]
; A fixed AppId keeps upgrades and uninstall working across versions: never change it.
AppId={{6E8F6D1B-3C7A-4B7E-9A55-0C1D2E3F4A5B}
AppName=oncall
AppVersion={#AppVersion}
AppVerName=oncall {#AppVersion}
AppPublisher=The oncall developers
AppPublisherURL=https://github.com/oncall/oncall
DefaultDirName={autopf}\oncall
DefaultGroupName=oncall
DisableProgramGroupPage=yes
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=oncall-{#AppVersion}-windows-setup
SetupIconFile=..\..\resources\icons\oncall.ico
UninstallDisplayIcon={app}\oncall.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Per-user install without admin rights unless the user picks "all users".
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\oncall\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\oncall"; Filename: "{app}\oncall.exe"
Name: "{autodesktop}\oncall"; Filename: "{app}\oncall.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\oncall.exe"; Description: "{cm:LaunchProgram,oncall}"; Flags: nowait postinstall skipifsilent

; No [Registry] entries: oncall registers no file types and no webcal: handler (it is not a calendar).
