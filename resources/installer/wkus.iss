; Inno Setup 6 script (saved as UTF-8 with BOM so the Polish messages compile correctly) for WKUS Desktop (Windows). Built by .github/workflows/windows.yml, or by hand:
;
;   pyinstaller --clean --noconfirm build.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 resources\installer\wkus.iss
;
; It packs the one-folder PyInstaller build dist\wkus (build.spec: EXE_NAME = "wkus", a windowed
; wkus.exe and a console wkus-debug.exe) into dist\installer\wkus-desktop-<version>-setup.exe.
; Kept consistent with build.spec and app/ui/win_mutex.py by tests/core/test_release_files.py.

; The CI passes the version read from app/__init__.py (/DAppVersion=...); a hand build without it
; gets an obviously wrong one rather than a stale number.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "WKUS Desktop"
#define AppPublisher "WKUS"
#define AppExeName "wkus.exe"
#define DebugExeName "wkus-debug.exe"
; Same name as MUTEX_NAME in app/ui/win_mutex.py: the running app holds it, setup refuses to go on.
#define AppMutexName "WKUSDesktopRunning"
; Relative to this script's folder (resources\installer).
#define SourceDir "..\..\dist\wkus"
; User data as platformdirs puts it (app/paths.py: user_data_path("wkus-desktop", "WKUS", roaming=False)).
#define UserDataDir "{localappdata}\WKUS\wkus-desktop"

[Setup]
; Never change the AppId: upgrades and the uninstaller find the installed copy by it.
AppId={{1E7D9ABA-6316-4D1B-902F-DE395F8254E2}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
; File version info of the setup exe (Explorer > Properties > Details).
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoProductVersion={#AppVersion}
VersionInfoCompany={#AppPublisher}
VersionInfoDescription={#AppName} Setup
; Per-user install without administrator rights: {autopf} is %LOCALAPPDATA%\Programs here.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Refuse to install or uninstall while the app runs (it creates this mutex at start-up).
AppMutex={#AppMutexName},Global\{#AppMutexName}
; Only one setup at a time.
SetupMutex=WKUSDesktopSetup
; The bundle is 64-bit Python/Qt.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=wkus-desktop-{#AppVersion}-setup
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Ask the language only when Windows' UI language is neither Polish nor English.
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage

[Languages]
; Polish first: it is the default when detection finds no match.
Name: "pl"; MessagesFile: "compiler:Languages\Polish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
pl.DebugShortcut=%1 (diagnostyka, z konsolą)
en.DebugShortcut=%1 (diagnostics, with console)
pl.RemoveDataTitle=Dane gminy
en.RemoveDataTitle=The gmina's data
pl.RemoveDataText=Program został odinstalowany, ale dane gminy (baza danych, kopie zapasowe, ustawienia i dzienniki) zostają w folderze:%n%1%n%nZaznacz pole poniżej tylko wtedy, gdy na pewno nie będą już potrzebne.
en.RemoveDataText=The program is being removed, but the gmina's data (database, backups, settings and logs) stay in the folder:%n%1%n%nTick the box below only if they will certainly not be needed again.
pl.RemoveDataBox=Usuń także dane gminy (nieodwracalne)
en.RemoveDataBox=Also delete the gmina's data (cannot be undone)
pl.RemoveDataFailed=Nie udało się usunąć folderu z danymi:%n%1
en.RemoveDataFailed=Could not delete the data folder:%n%1

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder bundle. ignoreversion: Qt/Python DLLs are replaced on upgrade regardless of
; their version resources.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade must not leave modules of the previous version beside the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{autoprograms}\{cm:DebugShortcut,{#AppName}}"; Filename: "{app}\{#DebugExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Nothing under [UninstallDelete]: the user data folder is removed only by the code below, when asked.

[Code]
var
  DeleteUserData: Boolean;

{ A small dialog with an unticked box: the data stay unless the clerk ticks it. }
function AskDeleteUserData(): Boolean;
var
  Form: TSetupForm;
  Note: TNewStaticText;
  Box: TNewCheckBox;
  OkButton: TNewButton;
begin
  Result := False;
#if Ver >= EncodeVer(6, 6, 0)
  Form := CreateCustomForm(440, 190, False, False);
#else
  Form := CreateCustomForm();
  Form.ClientWidth := ScaleX(440);
  Form.ClientHeight := ScaleY(190);
#endif
  try
    Form.Caption := CustomMessage('RemoveDataTitle');
    Note := TNewStaticText.Create(Form);
    Note.Parent := Form;
    Note.AutoSize := False;
    Note.WordWrap := True;
    Note.Left := ScaleX(12);
    Note.Top := ScaleY(12);
    Note.Width := Form.ClientWidth - ScaleX(24);
    Note.Height := ScaleY(100);
    Note.Caption := FmtMessage(CustomMessage('RemoveDataText'), [ExpandConstant('{#UserDataDir}')]);
    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(12);
    Box.Top := ScaleY(118);
    Box.Width := Form.ClientWidth - ScaleX(24);
    Box.Height := ScaleY(20);
    Box.Caption := CustomMessage('RemoveDataBox');
    Box.Checked := False;
    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.Width := ScaleX(90);
    OkButton.Height := ScaleY(26);
    OkButton.Left := Form.ClientWidth - OkButton.Width - ScaleX(12);
    OkButton.Top := Form.ClientHeight - OkButton.Height - ScaleY(12);
    OkButton.Caption := SetupMessage(msgButtonOK);
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;
    Form.ActiveControl := OkButton;
    if Form.ShowModal() = mrOk then
      Result := Box.Checked;
  finally
    Form.Free();
  end;
end;

function InitializeUninstall(): Boolean;
begin
  Result := True;
  DeleteUserData := False;
  { A silent uninstall (e.g. by an administrator's script) never deletes data. }
  if not UninstallSilent() then
    DeleteUserData := AskDeleteUserData();
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if (CurUninstallStep = usPostUninstall) and DeleteUserData then
  begin
    DataDir := ExpandConstant('{#UserDataDir}');
    if DirExists(DataDir) and not DelTree(DataDir, True, True, True) then
      MsgBox(FmtMessage(CustomMessage('RemoveDataFailed'), [DataDir]), mbError, MB_OK);
  end;
end;
