// Given names and family names by culture, for learners that look like a real mixed workforce.

export const cultures = [
  "english",
  "hispanic",
  "german",
  "french",
  "dutch",
  "italian",
  "polish",
  "turkish",
  "arabic",
  "nigerian",
  "indian",
  "chinese",
  "malay",
  "japanese",
  "korean",
  "vietnamese",
  "filipino",
] as const;
export type Culture = (typeof cultures)[number];

interface NamePool {
  given: string[];
  family: string[];
  /** Family name first, as customary (e.g. Chinese, Korean, Vietnamese names) */
  familyFirst?: boolean;
}

const words = (list: string): string[] => list.trim().split(/\s*,\s*/);

export const namePools: Record<Culture, NamePool> = {
  english: {
    given: words(
      "James, Oliver, Harry, George, Jack, Thomas, William, Charlie, Emily, Sophie, Amelia, Olivia, Jessica, Charlotte, Lucy, Grace, Daniel, Samuel, Rebecca, Laura, Michael, Sarah, David, Emma, Ryan, Megan, Liam, Chloe, Ethan, Hannah",
    ),
    family: words(
      "Smith, Jones, Taylor, Brown, Williams, Wilson, Johnson, Davies, Robinson, Wright, Thompson, Evans, Walker, White, Roberts, Green, Hall, Wood, Jackson, Clarke, Miller, Davis, Anderson, Murphy, Cooper, Ward, Hughes, Turner, Parker, Collins",
    ),
  },
  hispanic: {
    given: words(
      "José, Carlos, Luis, Miguel, Javier, Alejandro, Diego, Sofía, María, Lucía, Valentina, Camila, Isabella, Gabriela, Daniela, Andrés, Mateo, Ximena, Fernanda, Ricardo",
    ),
    family: words(
      "García, Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez, Ramírez, Torres, Flores, Rivera, Gómez, Díaz, Morales, Ortiz, Castillo, Vargas, Romero, Mendoza",
    ),
  },
  german: {
    given: words(
      "Lukas, Leon, Finn, Jonas, Maximilian, Felix, Paul, Tobias, Anna, Lena, Lea, Laura, Julia, Katharina, Sophie, Marie, Johanna, Sabine, Stefan, Jürgen",
    ),
    family: words(
      "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann",
    ),
  },
  french: {
    given: words(
      "Louis, Gabriel, Hugo, Arthur, Jules, Théo, Raphaël, Nicolas, Emma, Chloé, Léa, Manon, Inès, Camille, Juliette, Élodie, Mathilde, Antoine, Céline, Margaux",
    ),
    family: words(
      "Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, Lefèvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier",
    ),
  },
  dutch: {
    given: words(
      "Daan, Sem, Lucas, Levi, Thijs, Jesse, Bram, Ruben, Emma, Julia, Sanne, Fleur, Anouk, Lotte, Eva, Noor, Femke, Joost",
    ),
    family: words(
      "de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen",
    ),
  },
  italian: {
    given: words(
      "Marco, Alessandro, Lorenzo, Matteo, Francesco, Giulia, Chiara, Francesca, Sara, Martina, Elena, Davide, Federica, Paolo",
    ),
    family: words(
      "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca",
    ),
  },
  polish: {
    given: words(
      "Jakub, Kacper, Piotr, Tomasz, Michał, Krzysztof, Anna, Katarzyna, Magdalena, Agnieszka, Joanna, Zofia, Marta, Paweł",
    ),
    family: words(
      "Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur",
    ),
  },
  turkish: {
    given: words(
      "Mehmet, Mustafa, Ahmet, Emre, Burak, Can, Ayşe, Fatma, Elif, Zeynep, Merve, Selin, Deniz, Cem",
    ),
    family: words(
      "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, Arslan, Doğan, Kılıç, Aslan",
    ),
  },
  arabic: {
    given: words(
      "Mohammed, Ahmed, Omar, Youssef, Karim, Hassan, Ali, Khalid, Fatima, Aisha, Mariam, Layla, Nour, Salma, Yasmin, Rania",
    ),
    family: words(
      "Al-Sayed, Haddad, Khalil, Mansour, Nasser, Hamdan, Saleh, Aziz, Farouk, Rahman, Benali, El Amrani, Bouzid, Hassan, Ibrahim, Karam",
    ),
  },
  nigerian: {
    given: words(
      "Chinedu, Emeka, Oluwaseun, Tunde, Ifeanyi, Babajide, Ngozi, Chiamaka, Adaeze, Funmilayo, Temitope, Yetunde, Kelechi, Amara",
    ),
    family: words(
      "Okafor, Adeyemi, Okonkwo, Balogun, Eze, Nwosu, Adebayo, Oladipo, Ogunleye, Chukwu, Obi, Afolabi, Uzoma, Bello",
    ),
  },
  indian: {
    given: words(
      "Aarav, Vivek, Rohan, Arjun, Rahul, Sanjay, Vikram, Karthik, Ananya, Priya, Neha, Pooja, Divya, Kavya, Shreya, Meera, Aditi, Nikhil, Deepa, Suresh",
    ),
    family: words(
      "Sharma, Patel, Gupta, Singh, Kumar, Reddy, Iyer, Nair, Menon, Rao, Joshi, Mehta, Desai, Chatterjee, Banerjee, Pillai, Krishnan, Agarwal, Kapoor, Verma",
    ),
  },
  chinese: {
    given: words(
      "Wei, Jie, Hao, Ming, Jun, Yong, Xin, Li Na, Mei Ling, Xiu Ying, Hui Min, Jia Hui, Zhi Hao, Kai Wen, Shu Fen, Yi Ling, Wen Jie, Xiao Yan",
    ),
    family: words(
      "Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Tan, Lim, Lee, Ng, Goh, Ong, Teo, Koh",
    ),
    familyFirst: true,
  },
  malay: {
    given: words(
      "Ahmad, Muhammad, Hafiz, Faizal, Azman, Rizal, Amirul, Nurul, Siti, Aisyah, Farah, Aminah, Zarina, Haziq, Izzati, Syafiq",
    ),
    family: words(
      "bin Abdullah, bin Ismail, bin Hassan, bin Osman, binti Ahmad, binti Yusof, binti Rahman, binti Ibrahim, bin Salleh, binti Hamid",
    ),
  },
  japanese: {
    given: words(
      "Haruto, Yuto, Sota, Ren, Takumi, Hiroshi, Yui, Aoi, Hina, Sakura, Yuki, Akiko, Naoko, Kenta",
    ),
    family: words(
      "Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato, Yoshida, Yamada, Sasaki, Matsumoto",
    ),
  },
  korean: {
    given: words(
      "Min-jun, Seo-jun, Ji-ho, Hyun-woo, Do-yun, Ji-woo, Seo-yeon, Min-seo, Ha-eun, Ji-min, Su-bin, Ye-jin",
    ),
    family: words("Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon, Jang, Lim, Han, Shin"),
    familyFirst: true,
  },
  vietnamese: {
    given: words("Minh, Anh, Huy, Khoa, Long, Tuấn, Linh, Trang, Thảo, Hương, Ngọc, Phương"),
    family: words("Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Võ, Đặng, Bùi, Đỗ, Ngô"),
    familyFirst: true,
  },
  filipino: {
    given: words(
      "Jose, Mark, John Paul, Angelo, Christian, Maria Clara, Kristine, Joy, Angelica, Rowena, Jericho, Patricia",
    ),
    family: words(
      "Santos, Reyes, Cruz, Bautista, Ocampo, Garcia, Mendoza, Torres, Villanueva, Dela Cruz, Aquino, Ramos",
    ),
  },
};

/** The name as it is written and its parts for building an email address. */
export function fullName(culture: Culture, given: string, family: string): string {
  if (culture === "malay") return `${given} ${family}`;
  return namePools[culture].familyFirst ? `${family} ${given}` : `${given} ${family}`;
}

const transliterations: Record<string, string> = {
  ß: "ss",
  đ: "d",
  Đ: "d",
  ł: "l",
  Ł: "l",
  ı: "i",
  ø: "o",
  æ: "ae",
};

/** Lowercase ASCII letters only, for the local part of an email address. */
export function emailWord(value: string): string {
  return value
    .replace(/[ßđĐłŁıøæ]/g, (char) => transliterations[char] ?? char)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/^(bin|binti) /, "")
    .replace(/[^a-z]/g, "");
}
