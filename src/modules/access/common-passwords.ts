/**
 * Words that most often make up a chosen password, written for Payung (not copied from a published list):
 * the English words that lead every leaked-password ranking, keyboard runs, and what Indonesians reach for
 * (sayang, bismillah, rahasia, city and club names, family words, the names of this product and its
 * users' offices). `passwordProblem` refuses a password whose letters, once digits and symbols at its
 * ends are dropped and look-alike digits read as letters (p@ssw0rd → password), are one of these words:
 * each word stands for the thousands of variants people build from it (Jakarta2024!, sayang123, …).
 */
const WORDS = `
aamiin abah abang abc abcabc abcd abcdef abcdefg abcdefgh abcdefghij abi access aceh acmilan adek
adik admin adminadmin administrator agus agustus ahmad akses akucintakamu alhamdulillah allah
allahuakbar amanda ambon amiin amin ampera anak anakku andi andrew android angel angels anggrek
anjing anjingku anthony apel apple april arema aremania arif arsenal asd asdf asdfgh asdfghjkl
asdfjkl ashley asn asu auditor august autumn avengers ayah ayang ayank ayu azerty babi badminton
bahagia bakso baksobakso bali balikpapan bambang banana bandung bangsat banjarmasin banten banyuasin
bapak barca barcelona baru baseball basketball batak batman baturaja bayern bayu beb bebeb beckham
bekasi bekerja bendahara berdoa berhasil berlian bersama betawi bhinneka bidadari bintang biru
bismillah bismillahirrahmanirrahim black blackpink blue bodoh bogor bola bonek bpjs bpjskesehatan
bpjsketenagakerjaan bpjstk bts budi bugis bulan bulutangkis bumi bunda burger buruh burung butterfly
camat cantik cayang changeme charlie cheese chelsea chocolate christ christopher cinta cintaku
cirebon coba cobacoba cokelat coklat computer contoh contrasena cookie cookies cristiano cyber
daerah damai dangdut daniel david december default demo demodemo denpasar depok desa desember dewi
dian dimas dinas disnaker disnakertrans doa doraemon dortmund dota dragon dragonball durian eagle
eko elizabeth emak emas empek entahlah enumerator exo facebook fajar family februari february first
fitri flower football forget forgot fortnite freedom freefire friday futsal gamer gaming ganteng
ganti gantisaja garuda gitar goblok god goddess goku gold golden golf google gotongroyong green
guest guitar gunung gusdur habibie hacked hacker hackme hai haleluya hallelujah hallo halo happiness
happy harmoni harrypotter heaven hello helo hidayat hijau hitam hockey hogwarts hunter hutan ibu
ikan ilham ilir iloveu iloveyou iman imut indah indomie indonesia indonesiaraya indralaya inshaallah
inspektorat instagram insyaallah intan inter intermilan internet iphone irfan ironman islam istri
istriku iuran jakarta jakmania jambi james jaminan jamsostek jancok januari january jawa jaya
jayapura jazz jembatanampera jennifer jeruk jessica jesus jesuschrist jingga jkl jkn jogja
jogjakarta john joko jokowi jordan joseph joshua juli july jumat june juni justice juventus kabid
kabupaten kades kadis kakak kakek kalimantan kamboja kamis kampret kantor kantorku kartini kartu
karyawan kasi kasih kasihku katakunci katasandi kayuagung kecamatan kelinci keluarga kelurahan
kemplang kepala kepegawaian kepesertaan keren kerja kerjakeras kerupuk kesehatan ketenagakerjaan
killer king kis klaim knight komering komputer kopi kopisusu kota kpop kucing kucingku kunci kuning
kupang kupukupu kura kurniawan lagu lahat lama lampung langit laptop laut lestari letmein liberty
linux lion liverpool login lombok love lovely lover loveyou loving lubuklinggau lucu luffy lupa
lupasandi lupaterus lurah madrid madura maju majubersama majujaya makassar makmur malaikat malang
mama mamah manado manchester manchesterunited mangga manis manutd maradona march maret martapura
marvel mas master mastermaster masuk masyaallah matahari matrix matthew mawar may mbak mbappe medan
megawati mei melati merah merahputih merdeka messi metal michael michelle microsoft mie milan minang
minecraft minggu mobilelegend mobilelegends monday monkey moonlight motdepasse muaraenim muhammad
munchen musi music musik musisi muslim muslimah mutiara mypass mypassword mysql naruto nasigoreng
nasional negara nenek neo new neymar nicole ninja nkri nobita nopassword nothing november nugroho
nur nurhaliza october ogan oktober old onepiece operator oracle orange ourpassword padang pagaralam
palembang palembangdarussalam pamungkas pancasila pangeran pantai papa papah papua parola pass
passpass passw passwd password passwort pasword payung payungku peace pegawai pekanbaru pekerja
pelangi pele pemda pemerintah pemkab pemkot pempek pemprov pendata perak percobaan perlindungan
permata persebaya persib persija persipura personal pertama peserta petugas pikachu pin pirate
pisang pizza pns pokemon pontianak pop postgres postgresql prabowo prabumulih pratama pribadi prince
princess privat private provinsi psg psm pubg purple putih putra putri qazwsx queen qwe qweasd
qweasdzxc qwerty qwertyuiop qwertz rabu rahasia rahasiaaa rahasiadong rahasiaku rahasianegara rahayu
rahmat rainbow raja ratu realmadrid red rendang riau rizki rizky robert roblox rock ronaldo root
rudi sabtu samarinda sample samsung samurai sandi sandiku sangatrahasia santoso saputra saputri
sarah sasuke sate sayang sayangayah sayangbunda sayangibu sayangkamu sayangku sayangmama secret
secretpassword secure security sejahtera sekayu sekretaris selamat selamatdatang selasa selatan
semangat semarang sementara senha senin sepakbola september setiawan shadow silver siti soccer
soeharto soekarno solo sosial spiderman spongebob spring sri sriwijaya sriwijayafc staf staff
starlight starwars stephanie suami suamiku subhanallah success suharto sukarno sukses sulawesi
sumatera sumaterra summer sumsel sunda sunday sunflower sunshine super superman supersecret
superuser supervisor surabaya surakarta surga susanto tagihan tamu tangerang tante tasikmalaya
tehmanis temp temporary tennis terserah test tester testing thomas tiger tiktok tolol toor topsecret
trial trustno trustnoone tuhan tuhanyesus twitter ubuntu uji ujicoba ulu umi ungu user username
valorant verifikator viking voli volley wachtwoord wahyuni warrior welcome whatever whatsapp white
wibowo widodo wilayah william windows winter wizard wulan xyz yahoo yangku yellow yesus yogyakarta
yourpassword youtube yusuf zidane zion zxc zxcvbn zxcvbnm
`;

export const COMMON_PASSWORD_WORDS: ReadonlySet<string> = new Set(
  WORDS.split(/\s+/).filter((w) => w.length > 0),
);
